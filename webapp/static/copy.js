// Copy-to-clipboard for the citation boxes (a convenience: without script the text can be selected).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const box = document.getElementById(button.dataset.target);
  if (!box) return;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(box.value);
  } catch (error) {
    box.select();
    document.execCommand("copy");
  }
  button.textContent = "已复制";
  button.classList.add("done");
  setTimeout(() => { button.textContent = label; button.classList.remove("done"); }, 2000);
});
