/* Printing (issues 15 and 26): the "Factsheet afdrukken" button; charts drawn at the width of
   their column on paper while printing (a screen-wide chart would be cut at the A4 edge, and
   on paper a card's chart stands beside its figures: style_print.css), restored afterwards;
   and the permalink in the title block made absolute. */
(function () {
  const CARD_CHART = {width: 425, height: 185};   // px: beside the figures in a card on A4
  const PAPER_WIDTH = 700;                        // px: A4 (210 mm) less 12 mm margins each side
  const PAPER_HEIGHT = 260;                       // px: any other chart

  document.addEventListener('click', event => {
    if (event.target.closest('.print-button')) { window.print(); }
  });

  function charts() { return [...document.querySelectorAll('main .js-plotly-plot')]; }

  function paperSize(gd) {
    if (gd.closest('.card')) { return CARD_CHART; }
    return {width: PAPER_WIDTH, height: Math.min(gd.layout.height || PAPER_HEIGHT, PAPER_HEIGHT)};
  }

  // Every beforeprint draws the charts at paper size again: the browser prints the layout as it
  // is when the handlers return, and Dash may redraw a chart at screen size after a print.
  function toPaper() {
    document.querySelectorAll('.print-heading .permalink[data-path]').forEach(span => {
      span.textContent = window.location.origin + span.dataset.path;
    });
    charts().forEach(gd => {
      if (gd.dataset.screenWidth === undefined) {
        gd.dataset.screenWidth = gd.layout.width || '';
        gd.dataset.screenHeight = gd.layout.height || '';
        gd.dataset.screenLegendY = (gd.layout.legend || {}).y === undefined ? '' : gd.layout.legend.y;
        gd.dataset.screenMargin = JSON.stringify(gd.layout.margin || {});
        gd.dataset.screenTitle = JSON.stringify(gd.layout.title || {});
      }
      const size = paperSize(gd);
      const paper = {width: size.width, height: size.height, autosize: false, 'legend.font.size': 9,
                     // Lower, the legend must move down to stay clear of the month labels.
                     'legend.y': gd.dataset.screenLegendY === '' ? undefined : -0.5};
      if (gd.closest('.card')) {   // the card's h2 says its title; a compact legend below the chart
        Object.assign(paper, {'title.text': '', 'margin.t': 6, 'margin.l': 44, 'margin.r': 8, 'margin.b': 20,
                              'legend.font.size': 7.5, 'legend.itemwidth': 30, 'legend.x': -0.1,
                              'legend.y': -0.16, 'legend.yanchor': 'top', 'legend.tracegroupgap': 0});
      }
      window.Plotly.relayout(gd, paper);
    });
  }

  function toScreen() {
    charts().forEach(gd => {
      if (gd.dataset.screenWidth !== undefined) {
        const size = key => (gd.dataset[key] ? Number(gd.dataset[key]) : null);
        const screen = {width: size('screenWidth'), height: size('screenHeight'), autosize: true,
                        margin: JSON.parse(gd.dataset.screenMargin), title: JSON.parse(gd.dataset.screenTitle),
                        'legend.font.size': null};
        if (gd.dataset.screenLegendY !== '') { screen['legend.y'] = Number(gd.dataset.screenLegendY); }
        ['screenWidth', 'screenHeight', 'screenLegendY', 'screenMargin', 'screenTitle'].forEach(key => delete gd.dataset[key]);
        window.Plotly.relayout(gd, screen);
      }
    });
  }

  window.addEventListener('beforeprint', toPaper);
  window.addEventListener('afterprint', toScreen);
})();
