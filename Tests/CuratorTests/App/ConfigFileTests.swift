import CuratorApp
import Foundation
import Testing

/// The settings file read, checked, changed and shown by the library (ConfigSecretsTests runs
/// `curator config` itself).
@Suite struct ConfigFileTests {
    /// `content` written as a settings file with `mode`; the file's path.
    static func write(_ content: String, mode: mode_t = 0o600, in dir: TestSupport.TempDir) throws -> String {
        let path = dir.file("config.json")
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
        return path
    }

    /// The one line a file with `content` is refused with, its path written FILE.
    static func refusal(_ content: String, mode: mode_t = 0o600) throws -> String {
        let dir = TestSupport.TempDir()
        let path = try write(content, mode: mode, in: dir)
        do {
            _ = try ConfigFile.read(path: path)
            return "accepted"
        } catch {
            return "\(error)".replacingOccurrences(of: path, with: "FILE")
        }
    }

    /// The one line `checkedValue` refuses `text` for `name` with.
    static func refusal(_ name: String, _ text: String) -> String {
        do {
            _ = try ConfigFile.checkedValue(name, text)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test func noFileIsNoSettings() throws {
        let dir = TestSupport.TempDir()
        #expect(try ConfigFile.read(path: dir.file("config.json")).isEmpty)
    }

    @Test func theAccountAndModelSettingsStandForTheirVariables() throws {
        let dir = TestSupport.TempDir()
        let path = try Self.write(#"{"getcourse": {"url": "https://school.getcourse.ru", "api_key": "k-123"}, "model": {"name": "gpt-4o-mini"}}"#, in: dir)
        #expect(try ConfigFile.variables(ConfigFile.read(path: path))
            == ["GETCOURSE_URL": "https://school.getcourse.ru", "GETCOURSE_API_KEY": "k-123", "OPENAI_MODEL": "gpt-4o-mini"])
    }

    @Test func aBrokenFileIsOneLineNamingTheFileAndWhatIsWrong() throws {
        for (content, message) in [
            ("[1, 2]", "config FILE: not a JSON object"),
            (#"{"server": {}}"#, "config FILE: server is not a setting (known: getcourse, model, assistant, homework, roi)"),
            (#"{"getcourse": "https://school.getcourse.ru"}"#, "config FILE: getcourse must be an object"),
            (#"{"getcourse": {"api": "x"}}"#, "config FILE: getcourse.api is not a setting (known: getcourse.url, getcourse.api_key, getcourse.tech_token)"),
            (#"{"model": {"api_key": 42}}"#, "config FILE: model.api_key must be a string"),
        ] {
            #expect(try Self.refusal(content) == message)
        }
    }

    @Test func aKeyInAFileOthersCanReadIsRefusedWithTheMend() throws {
        #expect(try Self.refusal(#"{"getcourse": {"api_key": "k-123"}}"#, mode: 0o644)
            == "config FILE: holds getcourse.api_key but others can read it (mode 0644); run: chmod 600 FILE")
    }

    @Test func aFileWithoutKeysMayBeReadable() throws {
        #expect(try Self.refusal(#"{"getcourse": {"url": "https://school.getcourse.ru"}}"#, mode: 0o644) == "accepted")
    }

    @Test func roiSettingsOverTheDefaults() throws {
        let a = try ConfigFile.roiAssumptions(["roi": ["hourly_rate_rub": 600]], path: "FILE")
        #expect(a.hourlyRateRub == 600 && a.minutesPerAnswer == 5)
    }

    @Test func aBrokenRoiSettingNamesTheField() {
        let cases: [(roi: [String: Any], message: String)] = [
            (["hourly_rate_rub": "600"], "config FILE: roi.hourly_rate_rub must be a number"),
            (["baseline_retention_percent": 140], "config FILE: roi.baseline_retention_percent must be from 0 to 100, got 140.0"),
        ]
        for (roi, message) in cases {
            do {
                _ = try ConfigFile.roiAssumptions(["roi": roi], path: "FILE")
                Issue.record("accepted \(roi)")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    @Test func aValueTheSettingCannotTakeIsOneLineWithoutAKey() {
        #expect(Self.refusal("getcourse.url", "ftp://school") == "getcourse.url is not an http(s) URL: ftp://school")
        #expect(Self.refusal("roi.baseline_retention_percent", "140") == "roi.baseline_retention_percent must be from 0 to 100, got 140")
        #expect(Self.refusal("model.api_key", "line one\u{1B}[31m") == "model.api_key contains a line break or control character")
        #expect(Self.refusal("model.api_key", " \n") == "model.api_key is empty")
        #expect(Self.refusal("assistant.auto_reply", "maybe") == "assistant.auto_reply is on or off, got maybe")
        #expect(Self.refusal("getcourse.apikey", "x").hasPrefix("getcourse.apikey is not a setting (known: getcourse.url, getcourse.api_key,"))
    }

    @Test func valuesAreStoredAsTheFileKeepsThem() throws {
        #expect(try ConfigFile.checkedValue("getcourse.url", " https://school.getcourse.ru\n") as? String == "https://school.getcourse.ru")
        #expect(try ConfigFile.checkedValue("homework.auto_verdicts", "ON") as? String == "on")
        #expect(try ConfigFile.checkedValue("roi.hourly_rate_rub", " 750 ") as? Double == 750)
    }

    @Test func settingKeepsTheSectionsOtherSettings() {
        let sections = ConfigFile.setting("getcourse.api_key", to: "k-123", in: ["getcourse": ["url": "https://school.getcourse.ru"]])
        #expect(ConfigFile.value(sections, "getcourse.api_key") as? String == "k-123")
        #expect(ConfigFile.value(sections, "getcourse.url") as? String == "https://school.getcourse.ru")
    }

    @Test func unsettingTheLastSettingOfASectionRemovesTheSection() {
        let sections = ConfigFile.unsetting("model.name", in: ["model": ["name": "gpt-4o-mini"], "roi": ["hourly_rate_rub": 600.0]])
        #expect(sections.keys.sorted() == ["roi"])
    }

    @Test func keysAreShownOnlyAsSet() {
        let shown = ConfigFile.shown(["getcourse": ["api_key": "k-123", "url": "https://school.getcourse.ru"], "roi": ["hourly_rate_rub": 750.0]])
        #expect(shown.map { "\($0.name)=\($0.value)" } == ["getcourse.url=https://school.getcourse.ru", "getcourse.api_key=задан (скрыт)", "roi.hourly_rate_rub=750.0"])
    }

    @Test func aWrittenFileIsPrivateAndReadsBack() throws {
        let dir = TestSupport.TempDir()
        let path = dir.file("curator/config.json")
        try ConfigFile.write(ConfigFile.setting("model.api_key", to: "k-123", in: [:]), path: path)
        #expect(ConfigSecretsTests.mode(path) == 0o600 && ConfigSecretsTests.mode(dir.file("curator")) == 0o700)
        #expect(try ConfigFile.value(ConfigFile.read(path: path), "model.api_key") as? String == "k-123")
    }

    @Test func automaticSendingIsOnOnlyWhenSaidSo() {
        #expect(AutomaticSending.replies.isOn(in: ["CURATOR_AUTO_REPLY": " On "]))
        #expect(!AutomaticSending.replies.isOn(in: ["CURATOR_AUTO_REPLY": "yes"]))
        #expect(!AutomaticSending.verdicts.isOn(in: [:]))
    }
}
