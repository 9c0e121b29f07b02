// The calendar feed's "Copy" button: shown only where the browser can copy.
document.querySelectorAll(".copy-button").forEach(function (button) {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var field = document.getElementById(button.dataset.copy);
    var done = button.closest("section").querySelector(".copy-done");
    navigator.clipboard.writeText(field.value).then(
      function () { done.textContent = "Copied."; },
      function () { field.select(); done.textContent = "Select the address and copy it."; }
    );
  });
});
