// Search in Russian. mdBook's own index keeps only ASCII words, so
// `cargo xtask book` rebuilds the Russian book's index with the letters of
// any script and no English stemming (xtask/src/book/search_index.rs). The
// query must be cut the same way: elasticlunr's trimmer (\W without the u
// flag) takes Cyrillic letters for punctuation, and its English stemmer
// would change words the index keeps whole. Both are replaced, by name,
// before the index is loaded (lazily, on the first search).
(function () {
  "use strict";
  if (typeof elasticlunr === "undefined" || document.documentElement.lang !== "ru") {
    return;
  }
  const trimmer = function (token) {
    return token.replace(/^[^\p{L}\p{N}_]+/u, "").replace(/[^\p{L}\p{N}_]+$/u, "");
  };
  const stemmer = function (token) {
    return token;
  };
  for (const [name, fn] of [["trimmer", trimmer], ["stemmer", stemmer]]) {
    fn.label = name;
    elasticlunr[name] = fn;
    elasticlunr.Pipeline.registeredFunctions[name] = fn;
  }
})();
