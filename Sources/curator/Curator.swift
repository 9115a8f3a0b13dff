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
            own mirror (demo.sqlite).

            Environment:
              GETCOURSE_URL          account root, e.g. https://school.getcourse.ru
              GETCOURSE_API_KEY      legacy import/export API key
              GETCOURSE_TECH_TOKEN   Tech API token: {developerKey}_{schoolKey}
              CURATOR_DB             mirror path (same as --db)
              CURATOR_DATA           the school's data folder (default: data/ of the installation)
            """,
        subcommands: [DashboardCommand.self, SyncCommand.self, StudentsCommand.self, StudentCommand.self, AlertsCommand.self, AskCommand.self, QuestionsCommand.self, AssistantCommand.self, HomeworkCommand.self, MetricsCommand.self, ReportCommand.self, RiskCommand.self, MockGetCourseCommand.self, BenchCommand.self, BenchWorkerCommand.self, BenchDashboardWorkerCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

/// `--db`, accepted by every command.
struct MirrorOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Mirror database file (default: $CURATOR_DB, else $XDG_DATA_HOME/curator/curator.sqlite; demo.sqlite in demo mode).", valueName: "path"))
    var db: String?
}

/// A one-line error and a non-zero exit, as every command reports failures.
struct CuratorFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("curator: error: \(message)\n".utf8))
    exit(1)
}
