// Small behaviours shared by every page. No inline scripts: the CSP forbids them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive actions: <form data-confirm="Är du säker?">.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  // Move focus to the first field with an error, so keyboard users land on it.
  const invalid = document.querySelector(".is-invalid");
  if (invalid && typeof invalid.focus === "function") {
    invalid.focus();
  }
  // Arriving at #item-12 (meeting mode moves on to the next item) puts focus there.
  if (window.location.hash) {
    const target = document.getElementById(window.location.hash.slice(1));
    if (target && target.hasAttribute("tabindex") && !invalid) {
      target.focus();
    }
  }
  // Print buttons: <button data-print>.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
