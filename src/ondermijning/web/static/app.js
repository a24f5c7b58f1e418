// Enhancement only: every page works without this script.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // print buttons are hidden until a script can press them; without script the browser's own print works
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // a signal's fact/interpretation choice only matters once the signal is ticked
  document.querySelectorAll(".signal").forEach(function (row) {
    var box = row.querySelector("input[type=checkbox]");
    var kind = row.querySelector("fieldset.kind");
    if (!box || !kind) { return; }
    var sync = function () { kind.classList.toggle("inactive", !box.checked); };
    box.addEventListener("change", sync);
    sync();
  });
});
