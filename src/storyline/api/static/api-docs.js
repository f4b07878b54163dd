// Starts the API's pages from the files the fastapi-offline package ships (served at
// /docs/static): Swagger UI on /docs, ReDoc on /redoc. A file of its own, not an inline
// script, so that the pages' Content-Security-Policy allows scripts from this app only.

const swagger = document.getElementById("swagger-ui");
if (swagger) {
  window.SwaggerUIBundle({
    url: swagger.dataset.openapi,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null, // no badge fetched from the validator's server: the page works offline
  });
}

const redoc = document.getElementById("redoc");
if (redoc) {
  window.Redoc.init(redoc.dataset.openapi, {}, redoc);
}
