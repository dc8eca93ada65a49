/* Warns before the idle sign-out (apps/accounts/sessions.py) and offers to stay signed in.
   Any page load or htmx request is activity; background polls (X-Session-Background) are not. */
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) return;
  var idle = Number(box.dataset.idle) * 1000;
  var warning = Number(box.dataset.warning) * 1000;
  var button = box.querySelector("button");
  var warnTimer, endTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(function () {
      box.hidden = false;
      button.focus();
    }, Math.max(idle - warning, 0));
    // Past the timeout the server has ended the session: reload to show the sign-in state.
    endTimer = setTimeout(function () {
      window.location.reload();
    }, idle + 1000);
  }

  button.addEventListener("click", function () {
    fetch(box.dataset.keepalive, { credentials: "same-origin" }).then(schedule);
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var headers = (event.detail.requestConfig || {}).headers || {};
    if (!headers["X-Session-Background"]) schedule();
  });
  schedule();
})();
