// Small improvements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before a destructive button submits its form.
  document.querySelectorAll("button[data-confirm]").forEach((b) => {
    b.addEventListener("click", (e) => { if (!window.confirm(b.dataset.confirm)) e.preventDefault(); });
  });
  // Filter table rows as one types.
  document.querySelectorAll("input[data-filter]").forEach((input) => {
    const table = document.querySelector(input.dataset.filter);
    if (!table) return;
    input.hidden = false;
    input.addEventListener("input", () => {
      const q = input.value.toLowerCase();
      table.querySelectorAll("tbody tr").forEach((tr) => {
        tr.hidden = q !== "" && !tr.textContent.toLowerCase().includes(q);
      });
    });
  });
});
