/* Large read-only tables come as HTML in one component (components.static_table: every text
   escaped on the server) instead of a Dash component per cell, which React and Dash spent a
   first visit's long task on (issue 27, page ready). Each such box gets its HTML when it is
   added or its data-html changes, before the browser paints: a MutationObserver runs before
   the next frame. Their app links open the page without reloading it, as dcc.Link does. A
   header's sort button (components.Header) puts its sort in the box's store (data-sort-store)
   for the page's callback to redraw the table in that order, and focus stays on the button
   in the same header cell when it is redrawn (keyboard and screen reader users). */
(function () {
  const shown = new WeakMap();   // box → the HTML it shows

  const boxes = document.getElementsByClassName('static-html');   // live: the browser keeps it

  function fillAll() {
    for (const box of boxes) {
      const markup = box.dataset.html;
      if (markup !== undefined && shown.get(box) !== markup) {
        const focused = document.activeElement;
        const header = box.contains(focused) && focused.matches('th button') ? focused.closest('th').cellIndex : -1;
        box.innerHTML = markup;
        shown.set(box, markup);
        if (header >= 0) {
          const button = box.querySelector(`thead th:nth-child(${header + 1}) button`);
          if (button) { button.focus(); }
        }
      }
    }
  }

  // One pass over the (few) boxes per batch of changes, not a look into every added node: the
  // grids on the same pages add thousands.
  new MutationObserver(fillAll).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ['data-html']});

  document.addEventListener('click', event => {
    const sort = event.target.closest('.static-html[data-sort-store] button[data-sort]');
    if (sort) {
      sort.focus();   // Safari does not focus a clicked button
      const store = sort.closest('[data-sort-store]').dataset.sortStore;
      window.dash_clientside.set_props(store, {data: sort.dataset.sort});
      return;
    }
    const link = event.target.closest('.static-html a[data-app-link]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    window.history.pushState({}, '', link.getAttribute('href'));
    window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
    window.scrollTo(0, 0);
  });
})();
