// Runs started on /aanleveren and /beheer update without a reload (issue 24): ask the page's JSON
// endpoint (data-live) every 2 s while a run waits or runs, else every 10 s (a steward's decision
// changes a partner's file too), and put its fresh table in place. Without JavaScript the page shows the same on a reload. On other pages this does nothing.
(function () {
  "use strict";
  var INTERVAL_MS = 2000, QUIET_MS = 10000;
  function poll(live) {
    var url = live.getAttribute("data-live");
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }   // signed out meanwhile: a reload shows the sign-in page
        var focused = document.activeElement;
        var typing = focused && live.contains(focused) && focused.tagName === "INPUT";
        if (!typing && live.innerHTML !== data.html) { live.innerHTML = data.html; }
        window.setTimeout(function () { poll(live); }, data.busy || typing ? INTERVAL_MS : QUIET_MS);
      })
      .catch(function () { window.setTimeout(function () { poll(live); }, INTERVAL_MS * 3); });
  }
  function start() {
    var live = document.getElementById("live");
    if (live && live.getAttribute("data-live")) { window.setTimeout(function () { poll(live); }, INTERVAL_MS); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
