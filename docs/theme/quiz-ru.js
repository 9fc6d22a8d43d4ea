// The quizzes' own words in Russian, on a Russian page (<html lang="ru">).
//
// mdbook-quiz 0.5.0 writes its buttons and labels in English, with no way to
// configure them (but the header, "Quiz"). The questions are Russian already
// (docs/quizzes/<page>.ru.toml); this replaces the quiz's interface text as
// React renders it, node by node, and never touches a question's own text
// (the prompts, options and explanations, rendered from Markdown) or code.
// English pages are left alone.
(function () {
  "use strict";
  if (document.documentElement.lang !== "ru") {
    return;
  }

  // Whole text nodes of the interface, as mdbook-quiz's React renders them.
  var words = {
    "Quiz": "Проверьте себя",
    "Start": "Начать",
    "Question": "Вопрос",
    "Question ": "Вопрос ",
    "Response": "Ваш ответ",
    "Answer Review": "Ваши ответы",
    "You answered": "Правильных ответов:",
    "questions correctly.": "",
    "You can either": "Можно",
    "retry the quiz": "ответить ещё раз на вопросы с ошибками",
    "or": "или",
    "see the correct answers": "посмотреть правильные ответы",
    "You answered:": "Ваш ответ:",
    "The correct answer is:": "Правильный ответ:",
    "Determine whether the program will pass the compiler. If it passes, write the expected output of the program if it were executed.":
      "Скомпилируется ли эта программа? Если да, напишите, что она выведет при запуске.",
    "This program:": "Эта программа:",
    "DOES compile": "компилируется",
    "OR": "или",
    "does NOT compile": "НЕ компилируется",
    "The output of this program will be:": "Программа выведет:",
    "This program": "Эта программа",
    " compile.": ".",
  };
  // Inside <strong> after "This program": the verdict.
  var verdicts = { "does": "компилируется", "does not": "не компилируется" };
  var placeholders = {
    "Write the program's stdout here...": "Что программа выведет в stdout…",
    "Write your answer here...": "Ваш ответ…",
  };

  function plural(n) {
    var ten = n % 10, hundred = n % 100;
    if (ten === 1 && hundred !== 11) return "вопрос";
    if (ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14)) return "вопроса";
    return "вопросов";
  }

  // A question's own text: Markdown rendered by the quiz, and code.
  function theirs(node) {
    for (var el = node.parentElement; el; el = el.parentElement) {
      if (el.classList.contains("mdbook-quiz")) return false;
      if (el.matches("pre, code, .md, .md-flex, .prompt > div, label > div")) return true;
    }
    return false;
  }

  function translate(quiz) {
    // "3 questions" before the start, in three text nodes.
    quiz.querySelectorAll("header .counter").forEach(function (counter) {
      var match = /^(\d+) questions?$/.exec(counter.textContent);
      var nodes = Array.prototype.filter.call(counter.childNodes, function (n) {
        return n.nodeType === Node.TEXT_NODE;
      });
      if (match && nodes.length) {
        nodes.forEach(function (n, i) {
          n.data = i === 0 ? match[1] + " " + plural(Number(match[1])) : "";
        });
      }
    });
    var walker = document.createTreeWalker(quiz, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.data;
      var parent = node.parentElement;
      if (parent.tagName === "STRONG" && verdicts.hasOwnProperty(text) &&
          parent.previousSibling && parent.previousSibling.previousSibling &&
          /^(This program|Эта программа)$/.test(parent.previousSibling.previousSibling.data)) {
          
        node.data = verdicts[text];
      } else if (parent.tagName === "STRONG" && text === "Context" &&
                 parent.closest(".context")) {
        node.data = "Пояснение";
      } else if (words.hasOwnProperty(text) && !theirs(node)) {
        node.data = words[text];
      }
    }
    quiz.querySelectorAll("textarea[placeholder], input[placeholder]").forEach(function (el) {
      var russian = placeholders[el.getAttribute("placeholder")];
      if (russian) el.setAttribute("placeholder", russian);
    });
    quiz.querySelectorAll("input[type=submit]").forEach(function (el) {
      if (el.getAttribute("value") !== "Ответить") el.setAttribute("value", "Ответить");
    });
  }

  function all() {
    document.querySelectorAll(".mdbook-quiz").forEach(translate);
  }
  new MutationObserver(all).observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  document.addEventListener("DOMContentLoaded", all);
})();
