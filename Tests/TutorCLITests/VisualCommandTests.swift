import Foundation
import Testing

/// A temporary directory holding a tiny Fashion-MNIST look-alike in the four IDX files
/// (uncompressed): class c lights up rows 2c+4…2c+6, so a small net learns it in a few steps.
private final class TinyData {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-visual-\(UUID().uuidString)").path
    init(train: Int = 200, test: Int = 50) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var state: UInt64 = 1
        func noise() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 60) * 2 }
        func images(_ n: Int) -> [UInt8] {
            header(3, [n, 28, 28]) + (0..<n * 784).map { i in
                let c = (i / 784) % 10, row = (i % 784) / 28
                return UInt8((row >= 2 * c + 4 && row < 2 * c + 7 ? 200 : 10) + noise())
            }
        }
        func labels(_ n: Int) -> [UInt8] { header(1, [n]) + (0..<n).map { UInt8($0 % 10) } }
        func header(_ rank: UInt8, _ dims: [Int]) -> [UInt8] {
            [0, 0, 8, rank] + dims.flatMap { d in [24, 16, 8, 0].map { UInt8((d >> $0) & 0xFF) } }
        }
        for (name, bytes) in [("train-images-idx3-ubyte", images(train)), ("train-labels-idx1-ubyte", labels(train)),
                              ("t10k-images-idx3-ubyte", images(test)), ("t10k-labels-idx1-ubyte", labels(test))] {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }
    func path(_ name: String) -> String { dir + "/" + name }
}

private func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["COLORTERM"] = nil
    env["NO_COLOR"] = nil
    env["TERM"] = "xterm-256color"
    env["LANG"] = "en_US.UTF-8"
    return env.merging(extra) { $1 }
}

struct VisualCommandTests {
    @Test func tinySweepPrintsItsTableAndResumesFromTheCache() throws {
        let data = try TinyData()
        let args = ["sweep", "--data", data.dir, "--hiddens", "8,16", "--lr", "0.5", "--epochs", "2", "--batch-size", "50",
                    "--cache", data.path("cache"), "--jobs", "2"]
        let first = try TutorBinary.run(args, environment: environment())
        #expect(first.status == 0, "\(first.err)")
        #expect(!first.out.contains("\u{1B}"), "escape bytes in plain output")
        let lines = first.out.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("#  hidden  layers") })
        #expect(lines[header + 1].hasPrefix("1 "))
        #expect(lines[header + 2].hasPrefix("2 "))
        #expect(Set([lines[header + 1], lines[header + 2]].map { $0.split(separator: " ")[1] }) == ["8", "16"])
        #expect(lines.contains { $0.hasPrefix("2 of 2 runs in") })
        #expect(lines.contains("     test accuracy") || lines.contains { $0.contains("test accuracy") })

        let again = try TutorBinary.run(args + ["--json"], environment: environment())
        #expect(again.status == 0, "\(again.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [String: Any])
        let runs = try #require(report["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0["cached"] as? Bool == true })
        let accs = runs.compactMap { $0["test_acc"] as? Double }
        #expect(accs == accs.sorted(by: >))
    }

    /// `--validation N` sweeps on a validation split: trained on fewer images than the plain run,
    /// cached apart from the runs on the whole training set.
    @Test func sweepOnAValidationSplit() throws {
        let data = try TinyData()
        let args = ["sweep", "--data", data.dir, "--hiddens", "8", "--lr", "0.5", "--epochs", "2", "--batch-size", "50",
                    "--cache", data.path("cache"), "--jobs", "1", "--json"]
        func run(_ extra: [String]) throws -> (runs: [[String: Any]], stderr: String) {
            let output = try TutorBinary.run(args + extra, environment: environment())
            #expect(output.status == 0, "\(output.err)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
            return (try #require(report["runs"] as? [[String: Any]]), output.err)
        }
        let plain = try run([]), held = try run(["--validation", "50"])
        #expect(held.stderr.contains("validation: 50 of the"))
        #expect(held.runs.first?["cached"] as? Bool == false, "a validation run must not reuse the cached whole-data run")
        #expect(held.runs.first?["train_loss"] as? Double != plain.runs.first?["train_loss"] as? Double)
    }

    /// A checkpoint on a validation split finds the runs `tutor sweep --validation` cached: it
    /// trains nothing again and takes the sweep's figure.
    @Test func aCheckpointReusesTheSweepsValidationRuns() throws {
        let data = try TinyData()
        let cacheHome = data.path("xdg")
        let sweep = try TutorBinary.run(["sweep", "--data", data.dir, "--hiddens", "8", "--lr", "0.5", "--epochs", "2",
                                         "--batch-size", "50", "--validation", "50", "--cache", cacheHome + "/tutor/runs",
                                         "--jobs", "1", "--json"], environment: environment())
        #expect(sweep.status == 0, "\(sweep.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(sweep.out.utf8)) as? [String: Any])
        let accuracy = try #require((report["runs"] as? [[String: Any]])?.first?["test_acc"] as? Double)
        let lessons = data.path("lessons")
        for language in ["en", "zh"] {
            try FileManager.default.createDirectory(atPath: lessons + "/" + language, withIntermediateDirectories: true)
            try """
                # Held out

                ```checkpoint held-out
                call: sweep
                args: {vary: {hiddens: [[8]]}, lr: 0.5, epochs: 2, batch_size: 50, validation: 50}
                output: test_acc
                expect: tensor
                atol: 0.0001
                prompt: p
                ```

                """.write(toFile: lessons + "/" + language + "/01-held.md", atomically: true, encoding: .utf8)
        }
        let check = try TutorBinary.run(["check", "held-out", "--answer", "[\(accuracy)]", "--lessons", lessons, "--data", data.dir,
                                         "--lang", "en", "--no-record"],
                                        environment: environment(["XDG_CACHE_HOME": cacheHome, "XDG_STATE_HOME": data.path("state")]))
        #expect(check.status == 0, "\(check.out) \(check.err)")
        #expect(!check.err.contains("computing the reference"), "\(check.err)")
    }

    @Test func trainPlotsAndSavesThenPredictLoads() throws {
        let data = try TinyData()
        let train = try TutorBinary.run(["train", "--data", data.dir, "--epochs", "3", "--hiddens", "16", "--lr", "0.5",
                                           "--batch-size", "50", "--plot", data.path("chart.svg"), "--save", data.path("net.mlp")],
                                          environment: environment())
        #expect(train.status == 0, "\(train.err)")
        #expect(train.out.split(separator: "\n").count == 3)   // the plain epoch lines, unchanged
        #expect(!train.out.contains("\u{1B}"))
        let svg = try String(contentsOfFile: data.path("chart.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(svg.contains("data-name=\"test acc\""))

        let plain = try TutorBinary.run(["predict", "--data", data.dir, "--load", data.path("net.mlp"), "--count", "3", "--color", "never"],
                                          environment: environment())
        #expect(plain.status == 0, "\(plain.err)")
        #expect(!plain.out.contains("\u{1B}"))
        #expect(plain.out.components(separatedBy: "true: ").count - 1 == 3)
        // Each image is numbered by its index in the test set, as the lessons' questions count them.
        #expect(["image 0", "image 1", "image 2"].allSatisfy(plain.out.contains) && !plain.out.contains("image 3"))
        #expect(plain.out.contains("Network 784-16-10, test accuracy"))

        let grey256 = try TutorBinary.run(["predict", "--data", data.dir, "--load", data.path("net.mlp"), "--count", "2", "--color", "always"],
                                            environment: environment())
        #expect(grey256.out.contains("\u{1B}[38;5;") && grey256.out.contains("▀"))
        let trueColor = try TutorBinary.run(["predict", "--data", data.dir, "--load", data.path("net.mlp"), "--count", "2",
                                               "--color", "always", "--lang", "zh"], environment: environment(["COLORTERM": "truecolor"]))
        #expect(trueColor.out.contains("\u{1B}[38;2;"))
        #expect(trueColor.out.contains("真实：") && trueColor.out.contains("第 1 张"))
    }

    @Test func aWrongOrDamagedParameterFileIsAClearError() throws {
        let data = try TinyData()
        let save = try TutorBinary.run(["train", "--data", data.dir, "--epochs", "1", "--hiddens", "8", "--batch-size", "50",
                                          "--save", data.path("net.mlp")], environment: environment())
        #expect(save.status == 0, "\(save.err)")
        let wrong = try TutorBinary.run(["predict", "--data", data.dir, "--load", data.path("net.mlp"), "--hiddens", "16"],
                                          environment: environment())
        #expect(wrong.status == 1)
        #expect(wrong.err.contains("net.mlp: the file holds a 784-8-10 network, expected 784-16-10"))

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: data.path("net.mlp"))))
        bytes.removeLast(10)
        try Data(bytes).write(to: URL(fileURLWithPath: data.path("cut.mlp")))
        let cut = try TutorBinary.run(["predict", "--data", data.dir, "--load", data.path("cut.mlp")], environment: environment())
        #expect(cut.status == 1)
        #expect(cut.err.contains("cut.mlp: truncated parameter file"))
        #expect(cut.out.isEmpty)
    }
}
