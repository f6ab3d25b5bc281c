/* Printing (issue 15): the "Factsheet afdrukken" button, and charts drawn at paper width while
   printing (a screen-wide chart would be cut at the A4 edge), restored afterwards. */
(function () {
  const PAPER_WIDTH = 680;   // px: A4 (210 mm) less 12 mm margins each side is ~703 px
  const PAPER_HEIGHT = 260;  // px: two indicator cards to a page

  document.addEventListener('click', event => {
    if (event.target.closest('.print-button')) { window.print(); }
  });

  function charts() { return [...document.querySelectorAll('main .js-plotly-plot')]; }

  function toPaper() {
    charts().forEach(gd => {
      if (gd.dataset.screenWidth === undefined) {
        gd.dataset.screenWidth = gd.layout.width || '';
        gd.dataset.screenHeight = gd.layout.height || '';
        gd.dataset.screenLegendY = (gd.layout.legend || {}).y === undefined ? '' : gd.layout.legend.y;
        // Lower, the legend must move down to stay clear of the month labels.
        window.Plotly.relayout(gd, {width: PAPER_WIDTH, height: Math.min(gd.layout.height || PAPER_HEIGHT, PAPER_HEIGHT),
                                    'legend.y': gd.dataset.screenLegendY === '' ? undefined : -0.42});
      }
    });
  }

  function toScreen() {
    charts().forEach(gd => {
      if (gd.dataset.screenWidth !== undefined) {
        const size = key => (gd.dataset[key] ? Number(gd.dataset[key]) : null);
        const screen = {width: size('screenWidth'), height: size('screenHeight'), autosize: true};
        if (gd.dataset.screenLegendY !== '') { screen['legend.y'] = Number(gd.dataset.screenLegendY); }
        delete gd.dataset.screenWidth;
        delete gd.dataset.screenHeight;
        delete gd.dataset.screenLegendY;
        window.Plotly.relayout(gd, screen);
      }
    });
  }

  window.addEventListener('beforeprint', toPaper);
  window.addEventListener('afterprint', toScreen);
})();
