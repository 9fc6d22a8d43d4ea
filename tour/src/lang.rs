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
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()));
        match locale {
            Some(l) if l.starts_with("ru") => Lang::Ru,
            _ => Lang::En,
        }
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
        match self {
            Lang::En => format!(
                "Course tour: {topics} topic(s) in notebook order. Each header shows the command that runs it alone."
            ),
            Lang::Ru => format!(
                "Обзор курса: тем — {topics}, в порядке ноутбука. В заголовке каждой — команда, \
                 которая запускает её отдельно. Вывод примеров — на английском; \
                 русская книга (docs/book/ru/) объясняет каждую строку."
            ),
        }
    }

    /// After a topic that finished: `ok: semaphore (1.2 s)`.
    pub fn ok(self, example: &str, took: &str) -> String {
        match self {
            Lang::En => format!("ok: {example} ({took})"),
            Lang::Ru => format!("готово: {example} ({took})"),
        }
    }

    /// After a topic that failed.
    pub fn failed(self, example: &str, why: &str) -> String {
        match self {
            Lang::En => format!("FAILED: {example}: {why}"),
            Lang::Ru => format!("ОШИБКА: {example}: {why}"),
        }
    }

    /// The last line but the failures.
    pub fn summary(self, run: usize, failed: usize, took: &str) -> String {
        match self {
            Lang::En => format!("Summary: {run} topic(s) run, {failed} failed, in {took}."),
            Lang::Ru => format!("Итог: тем запущено — {run}, с ошибкой — {failed}, за {took}."),
        }
    }

    /// What a topic needs, as "runs without ..." ends.
    pub fn need(self, need: Need) -> &'static str {
        match (self, need) {
            (Lang::En, Need::Fork) => "fork",
            (Lang::En, Need::CpuPinning) => "pinning threads to CPUs",
            (Lang::En, Need::ThreadCounters) => "per-thread CPU time and switches",
            (Lang::En, Need::ProcFs) => "/proc",
            (Lang::Ru, Need::Fork) => "fork",
            (Lang::Ru, Need::CpuPinning) => "привязки потоков к CPU",
            (Lang::Ru, Need::ThreadCounters) => "времени CPU и переключений потока",
            (Lang::Ru, Need::ProcFs) => "/proc",
        }
    }

    /// How a topic runs on an OS, for the platform table and the tour.
    pub fn support(self, support: &Support) -> String {
        match (self, support) {
            (Lang::En, Support::Runs) => "runs".into(),
            (Lang::Ru, Support::Runs) => "работает".into(),
            (_, Support::RunsWithout(needs)) => {
                let needs: Vec<&str> = needs.iter().map(|&n| self.need(n)).collect();
                match self {
                    Lang::En => format!("runs without {}", needs.join(" or ")),
                    Lang::Ru => format!("работает без {}", needs.join(" и ")),
                }
            }
            (Lang::En, Support::Cannot(_)) => {
                "needs Linux or macOS (on Windows: WSL, or the dev container)".into()
            }
            (Lang::Ru, Support::Cannot(_)) => {
                "нужен Linux или macOS (в Windows: WSL или dev-контейнер)".into()
            }
        }
    }

    /// One line per failed topic, under the summary.
    pub fn failed_item(self, what: &str) -> String {
        match self {
            Lang::En => format!("  failed: {what}"),
            Lang::Ru => format!("  с ошибкой: {what}"),
        }
    }

    /// The progress line while the examples build.
    pub fn building(self, i: usize, of: usize, package: &str) -> String {
        match self {
            Lang::En => format!("Building the examples ({i}/{of}: {package})"),
            Lang::Ru => format!("Сборка примеров ({i}/{of}: {package})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "ru_RU.UTF-8")])), Lang::Ru);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        let all_wins = env(&[("LC_ALL", "C.UTF-8"), ("LANG", "ru_RU.UTF-8")]);
        assert_eq!(
            Lang::from_locale(all_wins),
            Lang::En,
            "LC_ALL overrides LANG"
        );
        let empty_all = env(&[("LC_ALL", ""), ("LC_MESSAGES", "ru_RU")]);
        assert_eq!(
            Lang::from_locale(empty_all),
            Lang::Ru,
            "an empty LC_ALL is unset"
        );
    }
}
