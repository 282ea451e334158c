// SPDX-License-Identifier: AGPL-3.0-only
// Enhances the GraphQL explorer: runs the query with POST (mutations too) without a page load.
// Without JavaScript the form still works with GET.
(function () {
  "use strict";
  var form = document.getElementById("explorer-form");
  var out = document.querySelector("#result code");
  if (!form || !out || !window.fetch) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var variables = null;
    var text = form.elements.variables.value.trim();
    if (text) {
      try { variables = JSON.parse(text); } catch (e) { out.textContent = String(e); return; }
    }
    fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: form.elements.query.value, variables: variables })
    })
      .then(function (r) { return r.json(); })
      .then(function (json) { out.textContent = JSON.stringify(json, null, 2); })
      .catch(function (e) { out.textContent = String(e); });
  });
})();
