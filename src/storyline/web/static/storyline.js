// Progressive touches only: every page works without this file.
(function () {
  "use strict";

  // Filters apply as soon as a choice changes (the Filter button still works without JS).
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  });

  // Landing on followed evidence: bring it to the middle of the screen and let it pulse once.
  var target = document.getElementById("hl");
  if (target) {
    target.classList.add("pulse");
    window.requestAnimationFrame(function () {
      target.scrollIntoView({ block: "center" });
    });
  }
})();
