// The language switch keeps the whole view: it takes the current address (which the
// controls keep up to date) and changes only its lang parameter.
document.addEventListener("click", function (event) {
  const link = event.target.closest("a.lang-link");
  if (!link) { return; }
  const url = new URL(window.location.href);
  url.searchParams.set("lang", link.getAttribute("hreflang"));
  link.href = url.pathname + url.search;
}, true);
