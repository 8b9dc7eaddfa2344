// Starts Swagger UI on /api/v1/docs/. A file, not an inline script: the portal's CSP allows only 'self'.
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  window.ui = SwaggerUIBundle({
    url: container.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    // "Try it out" from a signed-in browser uses the session: unsafe methods need the CSRF token.
    requestInterceptor: function (request) {
      if (!request.headers.Authorization) {
        request.headers["X-CSRFToken"] = csrfToken();
      }
      return request;
    },
  });
})();
