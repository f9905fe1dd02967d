// WCAG 3.3.1 / 2.4.3: after a form comes back with errors, move the keyboard focus to the
// error summary, so a keyboard or screen-reader user starts where the problems are listed.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".portal-error-summary");
  if (summary) {
    summary.focus();
  }
});
