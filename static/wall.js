// The live wall of an event: the page reloads every 15 seconds, unless the person pauses it
// with the button (WCAG 2.2.1: a time limit the user can turn off). Without JavaScript the
// wall stays as it is, with a link to refresh it.
(() => {
  const button = document.getElementById("wall-pause");
  if (!button) return;
  button.hidden = false;
  let paused = sessionStorage.getItem("wall-paused") === "1";
  const show = () => {
    button.setAttribute("aria-pressed", String(paused));
    button.textContent = paused ? button.dataset.resume : button.dataset.pause;
  };
  show();
  button.addEventListener("click", () => {
    paused = !paused;
    sessionStorage.setItem("wall-paused", paused ? "1" : "0");
    show();
  });
  setInterval(() => {
    if (!paused) location.reload();
  }, 15000);
})();
