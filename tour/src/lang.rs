//! The tour's own words in English or Russian: its headers and summary
//! (`--lang ru`, or a Russian locale in `LC_ALL`, `LC_MESSAGES` or `LANG`).
//! The examples' output stays English; the Russian book explains each line.

use crate::{Need, Support, Topic};

/// The language of the tour's headers and summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English, the default.
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// From the locale, as POSIX orders it: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty decides
    /// (`ru_RU.UTF-8` is Russian).
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let mut names = ["LC_ALL", "LC_MESSAGES", "LANG"].iter();
        let locale = names.find_map(|name| var(name).filter(|v| !v.is_empty()));
        match locale {
            Some(l) if l.starts_with("ru") => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// `en` or `ru`, whichever this language is.
    fn say<T>(self, en: T, ru: T) -> T {
        if self == Lang::Ru { ru } else { en }
    }

    /// The topic's title in this language.
    pub fn title(self, topic: &Topic) -> &str {
        match self {
            Lang::Ru if !topic.title_ru.is_empty() => &topic.title_ru,
            _ => &topic.title,
        }
    }

    /// The tour's first line.
    pub fn intro(self, topics: usize) -> String {
        self.say(
            format!(
                "Course tour: {topics} topic(s) in notebook order. Each header shows the \
                 command that runs it alone."
            ),
            format!(
                "Обзор курса: тем — {topics}, в порядке ноутбука. В заголовке каждой — команда, \
                 которая запускает её отдельно. Вывод примеров — на английском; \
                 русская книга (docs/book/ru/) объясняет каждую строку."
            ),
        )
    }

    /// After a topic that finished: `ok: semaphore (1.2 s)`.
    pub fn ok(self, example: &str, took: &str) -> String {
        self.say("ok", "готово").to_string() + &format!(": {example} ({took})")
    }

    /// After a topic that failed.
    pub fn failed(self, example: &str, why: &str) -> String {
        self.say("FAILED", "ОШИБКА").to_string() + &format!(": {example}: {why}")
    }

    /// The last line but the failures.
    pub fn summary(self, run: usize, failed: usize, took: &str) -> String {
        self.say(
            format!("Summary: {run} topic(s) run, {failed} failed, in {took}."),
            format!("Итог: тем запущено — {run}, с ошибкой — {failed}, за {took}."),
        )
    }

    /// One line per failed topic, under the summary.
    pub fn failed_item(self, what: &str) -> String {
        self.say("  failed: ", "  с ошибкой: ").to_string() + what
    }

    /// The progress line while the examples build.
    pub fn building(self, i: usize, of: usize, package: &str) -> String {
        let building = self.say("Building the examples", "Сборка примеров");
        format!("{building} ({i}/{of}: {package})")
    }

    /// What a topic needs, as "runs without ..." ends.
    fn need(self, need: Need) -> &'static str {
        match need {
            Need::Fork => "fork",
            Need::ProcFs => "/proc",
            Need::CpuPinning => self.say("pinning threads to CPUs", "привязки потоков к CPU"),
            Need::ThreadCounters => self.say(
                "per-thread CPU time and switches",
                "времени CPU и переключений потока",
            ),
        }
    }

    /// How a topic runs on an OS, for the platform table and the tour.
    pub fn support(self, support: &Support) -> String {
        match support {
            Support::Runs => self.say("runs", "работает").into(),
            Support::RunsWithout(needs) => {
                let needs: Vec<&str> = needs.iter().map(|&n| self.need(n)).collect();
                let (without, and) = self.say(("runs without", " or "), ("работает без", " и "));
                format!("{without} {}", needs.join(and))
            }
            Support::Cannot(_) => self
                .say(
                    "needs Linux or macOS (on Windows: WSL, or the dev container)",
                    "нужен Linux или macOS (в Windows: WSL или dev-контейнер)",
                )
                .into(),
        }
    }
}
