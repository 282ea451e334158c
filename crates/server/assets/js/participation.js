// SPDX-License-Identifier: AGPL-3.0-only
// Progressive enhancement of the idea and project pages: supporting, following, commenting and
// filling a voting basket without a full page load. Each enhanced form names the section it changes (data-section); the form is posted
// as the browser would, and the section is replaced by the same section of the page the server
// answers with, so the server stays the only place where rules and wording live. Without
// JavaScript the forms work as they are.
(function () {
  "use strict";

  // What tells one form of a section from another: where it posts, for which idea, and where
  // it stands when one idea has two (data-key: the basket's list and the idea's card).
  function keyOf(form) {
    var idea = form.querySelector("input[name=idea_id]");
    return (form.getAttribute("data-key") || "") + "|" + form.getAttribute("action") + "|" + (idea ? idea.value : "");
  }

  function sameForm(root, key) {
    var forms = root.querySelectorAll("form[data-section]");
    for (var i = 0; i < forms.length; i += 1) {
      if (keyOf(forms[i]) === key) {
        return forms[i].querySelector("button[type=submit]");
      }
    }
    return null;
  }

  function replaceSection(id, html, key) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(id);
    var current = document.getElementById(id);
    if (!fresh || !current) {
      return false;
    }
    current.replaceWith(fresh);
    enhance(fresh);
    // Keep the keyboard where it was: on an error, else the same form's button, else the
    // section's first control, else its heading.
    var target = fresh.querySelector("[role=alert]") || sameForm(fresh, key) ||
      fresh.querySelector("button, textarea") || fresh.querySelector("h2");
    if (target) {
      if (!target.hasAttribute("tabindex") && target.tagName === "H2") {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
    var status = document.getElementById("live-status");
    if (status) {
      status.textContent = "";
      var news = fresh.querySelector("[data-announce]") || fresh.querySelector("h2");
      status.textContent = news ? news.textContent : "";
    }
    return true;
  }

  function submit(event) {
    var form = event.currentTarget;
    var section = form.getAttribute("data-section");
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
    }
    // getAttribute: a field named "action" would shadow the form's own property.
    fetch(form.getAttribute("action"), { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        if (!replaceSection(section, html, keyOf(form))) {
          form.submit();
        }
      })
      .catch(function () {
        form.submit();
      });
  }

  function enhance(root) {
    root.querySelectorAll("form[data-section]").forEach(function (form) {
      form.addEventListener("submit", submit);
    });
  }

  enhance(document);
})();
