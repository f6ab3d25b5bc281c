// Number formats for the ranking grid, in the page's language (Dutch: 1.200 and 37,9).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

dagfuncs.formatNumber = function (value, lang, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) { return "–"; }
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nl-NL", {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(value);
};

dagfuncs.formatPercent = function (value, lang) {
  if (value === null || value === undefined || Number.isNaN(value)) { return "–"; }
  return dagfuncs.formatNumber(value * 100, lang, 1) + "%";
};
