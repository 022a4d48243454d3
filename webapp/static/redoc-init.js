// ReDoc for /redoc, started from a file of the site's own (no inline script: the pages' CSP).
(function () {
  var holder = document.getElementById("api-docs");
  Redoc.init(holder.getAttribute("data-openapi"), {}, holder);
})();
