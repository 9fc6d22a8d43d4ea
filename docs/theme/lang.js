// The language switch: a link from every page to the same page in the other
// language. `cargo xtask book` builds the English book at the root of
// docs/book/ and the Russian one in docs/book/ru/, with the same file names.
(function () {
  "use strict";
  const russian = document.documentElement.lang === "ru";
  // mdBook sets path_to_root on every page ("../" for a page one folder down).
  const root = new URL(path_to_root, window.location.href);
  const page = window.location.href.slice(root.href.length) || "index.html";
  const link = document.createElement("a");
  link.className = "course-lang";
  link.href = new URL((russian ? "../" : "ru/") + page, root).href;
  link.hreflang = russian ? "en" : "ru";
  link.lang = link.hreflang;
  link.textContent = russian ? "English" : "Русский";
  link.title = russian ? "This page in English" : "Эта страница на русском";
  const buttons = document.querySelector(".right-buttons");
  if (buttons) {
    buttons.prepend(link);
  }
})();
