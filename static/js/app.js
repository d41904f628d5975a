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
  // Print buttons: <button data-print>.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
