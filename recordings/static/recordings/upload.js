// R7: the upload shows its progress (XHR upload events; the CSP forbids inline script). The
// server does every check; this only shows progress, refuses a file that is visibly too large
// before sending it, and shows the server's answer.
(function () {
  "use strict";
  var form = document.querySelector("[data-recording-upload]");
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var box = form.querySelector("[data-upload-progress]");
  var bar = box && box.querySelector("progress");
  var text = box && box.querySelector("[data-upload-progress-text]");
  var input = form.querySelector("input[type=file]");
  var max = parseInt(form.getAttribute("data-max-bytes"), 10);

  function show(percent) {
    if (!box) {
      return;
    }
    box.hidden = false;
    bar.value = percent;
    bar.textContent = percent + "%";
    text.textContent = percent + "%";
  }

  form.addEventListener("submit", function (event) {
    var file = input && input.files && input.files[0];
    if (!file) {
      return; // the server answers with its message
    }
    if (max && file.size > max) {
      event.preventDefault();
      if (text) {
        box.hidden = false;
        text.textContent = form.getAttribute("data-too-large");
      }
      return;
    }
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        show(Math.floor((e.loaded / e.total) * 100));
      }
    });
    xhr.addEventListener("load", function () {
      // The server's answer replaces the page: the recording's page after a redirect (with
      // its one-time message, which a second request would lose), or the form with errors.
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.replaceState(null, "", xhr.responseURL);
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      if (text) {
        text.textContent = form.getAttribute("data-failed");
      }
    });
    show(0);
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
    }
    xhr.send(new FormData(form));
  });
})();
