import Foundation
import Testing
import Yams

/// The files of deploy/ run here as their engines would run them: the Kubernetes Indexed Job's
/// and the Slurm array's commands, once per index with the engine's index variable set, against
/// the built `tutor`; their merged report is the single run's.
@Suite(.serialized) struct DeployFilesTests {
    static let deploy = TutorBinary.packageRoot + "/deploy"

    typealias Run = (status: Int32, out: String, err: String)

    /// A folder for PATH: `tutor`, optionally `grade-shard`, and an `sbatch` that only writes its
    /// arguments, one a line, to `$SBATCH_LOG`.
    func binFolder(gradeShard: Bool) throws -> String {
        let bin = TutorBinary.temporaryFolder("deploy-bin")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: bin + "/tutor", withDestinationPath: TutorBinary.path)
        if gradeShard { try fm.createSymbolicLink(atPath: bin + "/grade-shard", withDestinationPath: Self.deploy + "/grade-shard.sh") }
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$SBATCH_LOG\"\n".write(toFile: bin + "/sbatch", atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/sbatch")
        return bin
    }

    /// Twelve learners' answers files in `folder`, and the course they answer.
    func makeClass(in folder: String) throws -> String {
        let course = try ClassGradingCommandTests().makeCourse()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let answers = ["[[0, 1, 2], [3, 4, 0]]", "[[1, 2]]", "[[0, 0,, 1]]"]
        for n in 0..<12 {
            try "own-relu: \"\(answers[n % 3])\"\nw1-shape: \"\(n % 4 == 0 ? "(256, 784)" : "(784, 256)")\"\n"
                .write(toFile: folder + "/learner\(n).yaml", atomically: true, encoding: .utf8)
        }
        return course
    }

    /// Runs `command` (its program found on `bin`, then the system's PATH) with `extra` in the environment.
    func run(_ command: [String], bin: String, _ extra: [String: String]) throws -> Run {
        try TutorBinary.run(command, environment: TutorBinary.environment(extra.merging(["PATH": bin + ":/usr/bin:/bin"]) { a, _ in a }),
                            executable: "/usr/bin/env")
    }

    /// The single run's CSV, to compare the engines' merged reports with.
    func singleCSV(_ subs: String, course: String) throws -> String {
        let out = TutorBinary.temporaryFolder("deploy-single") + "/grades.csv"
        let single = try TutorBinary.run(["grade", subs, "--lessons", course, "--format", "csv", "--output", out])
        #expect(single.status == 0, "\(single.err)")
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    func yaml(_ file: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: String(contentsOfFile: Self.deploy + "/" + file, encoding: .utf8)) as? [String: Any])
    }

    @Test func theIndexedJobsPodsAndTheMergeJobMakeTheSingleRunsReport() throws {
        let job = try yaml("kubernetes-grade-job.yaml")
        #expect(job["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let command = try #require(container["command"] as? [String])
        let env = (container["env"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) { $0[$1["name"] as? String ?? ""] = $1["value"] as? String }
        #expect(env["SHARDS"] == String(completions), "SHARDS must equal completions")
        let mount = try #require((container["volumeMounts"] as? [[String: Any]])?.first?["mountPath"] as? String)

        // The shared volume, here a folder: submissions in, partial reports out.
        let volume = TutorBinary.temporaryFolder("deploy-volume")
        let course = try makeClass(in: volume + "/submissions")
        let bin = try binFolder(gradeShard: true)
        let here = { (args: [String]) in args.map { $0.replacingOccurrences(of: mount, with: volume) } }
        for k in 0..<completions {
            let pod = try run(here(command), bin: bin, env.merging(["JOB_COMPLETION_INDEX": "\(k)", "TUTOR_LESSONS": course]) { a, _ in a })
            #expect(pod.status == 0, "index \(k): \(pod.err)")
            #expect(pod.out.contains("shard \(k)/\(completions): graded"), "\(pod.out)")
        }
        let merge = try yaml("kubernetes-merge-job.yaml")
        let mergePod = try #require(((merge["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        let mergeCommand = try #require(((mergePod["containers"] as? [[String: Any]])?.first)?["command"] as? [String])
        let merged = try run(here(mergeCommand), bin: bin, [:])
        #expect(merged.status == 0, "\(merged.err)")
        #expect(try String(contentsOfFile: volume + "/out/grades.csv", encoding: .utf8) == singleCSV(volume + "/submissions", course: course))
        #expect(try String(contentsOfFile: volume + "/out/item-analysis.txt", encoding: .utf8).contains("item analysis of 12 graded submissions"))
    }

    @Test func theSlurmArraysTasksGradeTheirShardsAndTheFirstSubmitsTheMerge() throws {
        let script = try String(contentsOfFile: Self.deploy + "/slurm-grade.sbatch", encoding: .utf8)
        let array = try #require(script.firstMatch(of: /#SBATCH --array=0-(\d+)/).flatMap { Int($0.1) })
        #expect(script.contains("export SHARDS=\(array + 1) "), "SHARDS must equal the size of --array")
        // Slurm runs a copy of the script from its spool folder.
        let spool = TutorBinary.temporaryFolder("deploy-spool") + "/slurm_script"
        try script.write(toFile: spool, atomically: true, encoding: .utf8)
        let work = TutorBinary.temporaryFolder("deploy-slurm")
        let course = try makeClass(in: work + "/submissions")
        let bin = try binFolder(gradeShard: false)   // grade-shard found in the repository sbatch was called from
        for k in 0...array {
            let task = try run(["/bin/bash", spool], bin: bin, [
                "SLURM_ARRAY_TASK_ID": "\(k)", "SLURM_ARRAY_JOB_ID": "4242", "SLURM_SUBMIT_DIR": TutorBinary.packageRoot,
                "SLURM_CPUS_PER_TASK": "1", "SUBMISSIONS": work + "/submissions", "OUT": work + "/out",
                "TUTOR_LESSONS": course, "SBATCH_LOG": work + "/sbatch-\(k).txt"])
            #expect(task.status == 0, "task \(k): \(task.err)")
            #expect(FileManager.default.fileExists(atPath: work + "/out/part-\(k).json"), "task \(k) wrote no part")
            #expect(FileManager.default.fileExists(atPath: work + "/sbatch-\(k).txt") == (k == 0), "task \(k) and the merge job")
        }
        let submitted = try String(contentsOfFile: work + "/sbatch-0.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(submitted.contains("--dependency=afterok:4242"))
        let wrap = try #require(submitted.firstIndex(of: "--wrap").map { submitted[($0 + 1)...].joined(separator: "\n") })
        let merged = try run(["/bin/sh", "-c", wrap], bin: bin, [:])
        #expect(merged.status == 0, "\(merged.err)")
        #expect(try String(contentsOfFile: work + "/out/grades.csv", encoding: .utf8) == singleCSV(work + "/submissions", course: course))
    }

    @Test func gradeShardWithoutAnIndexSaysWhichVariableIsMissing() throws {
        let bin = try binFolder(gradeShard: true)
        let run = try run(["grade-shard", "/nonexistent", "/nonexistent-out"], bin: bin, ["SHARDS": "4"])
        #expect(run.status == 2)
        #expect(run.err.contains("JOB_COMPLETION_INDEX") && run.err.contains("SLURM_ARRAY_TASK_ID"))
    }
}
