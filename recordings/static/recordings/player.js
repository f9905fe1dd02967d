// R4: the watermark's clock keeps running while the viewer watches; the context menu's
// "save video" is off unless download is granted (the link itself is bound to the viewer).
(function () {
  "use strict";
  var player = document.querySelector("[data-recording-player]");
  if (!player) {
    return;
  }
  var video = player.querySelector("video");
  var clock = player.querySelector("[data-watermark-clock]");
  if (video) {
    video.addEventListener("contextmenu", function (event) {
      event.preventDefault();
    });
  }
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function tick() {
    var now = new Date();
    clock.textContent =
      pad(now.getDate()) + "-" + pad(now.getMonth() + 1) + "-" + now.getFullYear() + " " +
      pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
  }
  if (clock) {
    window.setInterval(tick, 1000);
  }
  // R8: jump to an agenda item (a chapter of the recording).
  document.querySelectorAll("[data-chapter-start]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!video) {
        return;
      }
      video.currentTime = Number(button.getAttribute("data-chapter-start"));
      video.play();
      video.focus();
    });
  });
})();
