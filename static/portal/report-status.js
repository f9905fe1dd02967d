// X3: the report status page follows the rendering without inline script (the CSP forbids it):
// it polls the JSON status endpoint and reloads the page once the report is done or failed, so
// the server renders the download link or the error message.
(function () {
  "use strict";
  var root = document.querySelector("[data-report-status-url]");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-report-status-url");
  var bar = root.querySelector("progress");
  var text = root.querySelector("[data-report-progress-text]");
  var message = root.querySelector("[data-report-message]");
  var badge = root.querySelector(".utrecht-status-badge");
  var delay = 1500;
  var deadline = Date.now() + 30 * 60 * 1000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.value = status.progress;
          bar.textContent = status.progress + "%";
        }
        if (text) {
          text.textContent = status.progress + "%";
        }
        // The badge follows too: "in de wachtrij" beside a bar at 30 % contradicted it.
        if (badge && status.status_label && badge.textContent !== status.status_label) {
          badge.textContent = status.status_label;
        }
        if (message && status.message && message.textContent !== status.message) {
          message.textContent = status.message;
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    delay = Math.min(delay * 1.3, 10000);
    if (Date.now() < deadline) {
      window.setTimeout(poll, delay);
    }
  }

  window.setTimeout(poll, delay);
})();
