// A search for a record id lists that record first.
// The site's search (lunr, in search/main.js) splits an id such as "zx19-trade-2018" into
// its words and ranks by them, so another record that mentions the same words may come
// first. When the query is an id and a result is the section named by it, that result
// is moved to the top (the claim's entry under records/ before the resolved thing of the
// same id under resolved/); nothing else changes. Loaded after search/main.js.
(function () {
  var show = window.displayResults;
  if (typeof show !== "function") {
    return;
  }
  var slug = /^[a-z0-9]+([-.][a-z0-9]+)*$/;
  window.displayResults = function (results) {
    var input = document.getElementById("mkdocs-search-query");
    var query = input ? input.value.trim().toLowerCase() : "";
    if (results && slug.test(query)) {
      var exact = results.filter(function (r) {
        return r.location.split("#")[1] === query;
      });
      exact.sort(function (a, b) {
        return (b.location.indexOf("records/") === 0) - (a.location.indexOf("records/") === 0);
      });
      if (exact.length) {
        results = exact.concat(results.filter(function (r) {
          return exact.indexOf(r) < 0;
        }));
      }
    }
    show(results);
  };
})();
