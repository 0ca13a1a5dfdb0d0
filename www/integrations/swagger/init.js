// The vendor's API docs as Swagger UI draws them (swagger-ui-dist from npm), with the
// API key in the query, as the vendor's Authorize dialog asks for it.
window.ui = SwaggerUIBundle({ url: '/swagger/repairshopr.json', dom_id: '#swagger-ui', deepLinking: false });
