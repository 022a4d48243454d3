// Swagger UI for /docs, started from a file of the site's own (no inline script: the pages' CSP).
(function () {
  var holder = document.getElementById("api-docs");
  window.ui = SwaggerUIBundle({
    url: holder.getAttribute("data-openapi"),
    dom_id: "#api-docs",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
