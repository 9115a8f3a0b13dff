import ArgumentParser
import CuratorApp
import Foundation

/// `curator config`: the settings file, written 0600; keys are read from stdin and never shown.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or change the settings file (the account, the model, the ROI assumptions).",
        discussion: """
            The file is $CURATOR_CONFIG, else $XDG_CONFIG_HOME/curator/config.json. It is written with \
            mode 0600; a file holding a key that others can read is refused. Environment variables \
            (GETCOURSE_URL, GETCOURSE_API_KEY, GETCOURSE_TECH_TOKEN, OPENAI_API_KEY, OPENAI_BASE_URL, \
            OPENAI_MODEL, CURATOR_AUTO_REPLY, CURATOR_AUTO_VERDICTS) win over the file.

            On a real account nothing is written to GetCourse until the school switches it on: \
            assistant.auto_reply on sends the replies the assistant is sure of (off: each is a draft \
            for the curator), homework.auto_verdicts on sends the checker's accept and decline (off: \
            they wait in the curator's queue).

            Settings: \(ConfigFile.names.joined(separator: ", ")).
            """,
        subcommands: [Show.self, SetValue.self, Unset.self],
        defaultSubcommand: Show.self
    )

    /// A setting's name, checked before anything is read: an unknown one is a usage error.
    static func known(_ name: String) throws {
        do { try ConfigFile.checkName(name) } catch { throw ValidationError("\(error)") }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the file's path and settings; keys show only that they are set.")

        func run() {
            let path = ConfigFile.path()
            let sections = AppEnvironment.readSettings(path: path)
            print("config: \(path)\(FileManager.default.fileExists(atPath: path) ? "" : " (no file yet)")")
            printTable(header: ["Настройка", "Значение"], rows: ConfigFile.shown(sections).map { [$0.name, $0.value] })
            if AppEnvironment.isDemo {
                print("Демо-школа: автоответы и вердикты проверки отправляются (это не настоящий GetCourse).")
            } else {
                for s in [AutomaticSending.replies, .verdicts] { print(s.describe(on: AppEnvironment.automaticSending(s))) }
            }
        }
    }

    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set one setting. Without VALUE it is read from stdin (without echo on a terminal): the way for keys.",
            discussion: "Example: curator config set getcourse.url https://school.getcourse.ru; curator config set getcourse.api_key < key.txt"
        )

        @Argument(help: "The setting, e.g. getcourse.api_key or roi.hourly_rate_rub.") var name: String
        @Argument(help: "Its value; omit it for a key, to read it from stdin.") var value: String?

        func validate() throws { try ConfigCommand.known(name) }

        func run() throws {
            let path = ConfigFile.path()
            let text = try value ?? Self.readValue(prompt: name)
            let sections = AppEnvironment.readSettings(path: path)
            let stored: Any
            // A value the setting cannot take is a usage error, as an unknown name is.
            do { stored = try ConfigFile.checkedValue(name, text) } catch { throw ValidationError("\(error)") }
            try ConfigFile.write(ConfigFile.setting(name, to: stored, in: sections), path: path)
            print("config: \(name) set in \(path)")
        }

        /// One line from stdin; on a terminal, with a prompt on stderr and the echo off.
        static func readValue(prompt: String) throws -> String {
            guard isatty(STDIN_FILENO) == 1 else {
                guard let line = readLine(strippingNewline: true) else { throw ValidationError("no value for \(prompt) on stdin") }
                return line
            }
            FileHandle.standardError.write(Data("\(prompt): ".utf8))
            var saved = termios()
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no value for \(prompt)") }
            return line
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove one setting from the file.")

        @Argument(help: "The setting, e.g. model.api_key.") var name: String

        func validate() throws { try ConfigCommand.known(name) }

        func run() throws {
            let path = ConfigFile.path()
            try ConfigFile.write(ConfigFile.unsetting(name, in: AppEnvironment.readSettings(path: path)), path: path)
            print("config: \(name) removed from \(path)")
        }
    }
}
