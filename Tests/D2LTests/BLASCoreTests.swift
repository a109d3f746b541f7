import Testing
@testable import D2L

/// The choice of OpenBLAS kernels from what the CPU reports.
@Suite struct BLASCoreTests {
    static let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]

    func cpu(_ vendor: String, _ family: Int, _ model: Int, _ flags: Set<String>) -> BLASCore.CPU {
        BLASCore.CPU(vendor: vendor, family: family, model: model, flags: flags)
    }

    @Test func anAVX512XeonLeftOnPrescottGetsSkylakeX() {
        let xeon = cpu("GenuineIntel", 6, 207, Self.avx512.union(["avx512_bf16", "amx_bf16", "amx_tile"]))
        #expect(BLASCore.better(than: "Prescott", cpu: xeon, userCore: nil, dynamicArch: true) == "SkylakeX")
    }

    @Test func anAVX512EpycLeftOnHaswellGetsSkylakeX() {
        let epyc = cpu("AuthenticAMD", 26, 2, Self.avx512.union(["avx512_bf16"]))
        #expect(BLASCore.better(than: "Haswell", cpu: epyc, userCore: nil, dynamicArch: true) == "SkylakeX")
        #expect(BLASCore.better(than: "Zen", cpu: epyc, userCore: nil, dynamicArch: true) == "SkylakeX")
    }

    @Test func aCoreAsWideAsTheCPUIsKept() {
        let zen3 = cpu("AuthenticAMD", 25, 1, ["sse3", "avx", "avx2", "fma"])
        #expect(BLASCore.better(than: "Zen", cpu: zen3, userCore: nil, dynamicArch: true) == nil)
        #expect(BLASCore.better(than: "Haswell", cpu: zen3, userCore: nil, dynamicArch: true) == nil)
        let epyc = cpu("AuthenticAMD", 25, 17, Self.avx512.union(["avx512_bf16"]))
        for core in ["Cooperlake", "SkylakeX", "SapphireRapids", "COOPERLAKE"] {
            #expect(BLASCore.better(than: core, cpu: epyc, userCore: nil, dynamicArch: true) == nil)
        }
    }

    @Test func aFallbackBelowAVX2IsRaisedToHaswellOrSandybridge() {
        let zen3 = cpu("AuthenticAMD", 25, 1, ["sse3", "avx", "avx2", "fma"])
        #expect(BLASCore.better(than: "Prescott", cpu: zen3, userCore: nil, dynamicArch: true) == "Haswell")
        #expect(BLASCore.better(than: "Nehalem", cpu: zen3, userCore: nil, dynamicArch: true) == "Haswell")
        let avxOnly = cpu("GenuineIntel", 6, 42, ["sse3", "avx"])
        #expect(BLASCore.better(than: "Prescott", cpu: avxOnly, userCore: nil, dynamicArch: true) == "Sandybridge")
        #expect(BLASCore.better(than: "Sandybridge", cpu: avxOnly, userCore: nil, dynamicArch: true) == nil)
    }

    @Test func partialAVX512CountsAsAVX2() {
        // Knights Landing: AVX-512 F and CD, without the BW/VL/DQ that SkylakeX kernels use.
        let knl = cpu("GenuineIntel", 6, 87, ["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512er", "avx512pf"])
        #expect(BLASCore.better(than: "Prescott", cpu: knl, userCore: nil, dynamicArch: true) == "Haswell")
    }

    @Test func aCPUWithoutAVXHasNothingBetter() {
        let old = cpu("GenuineIntel", 6, 26, ["sse3", "ssse3", "sse4_1", "sse4_2"])
        #expect(BLASCore.better(than: "Prescott", cpu: old, userCore: nil, dynamicArch: true) == nil)
    }

    @Test func aCoreTheUserSetIsNeverOverridden() {
        let epyc = cpu("AuthenticAMD", 26, 2, Self.avx512)
        #expect(BLASCore.better(than: "Prescott", cpu: epyc, userCore: "Prescott", dynamicArch: true) == nil)
        #expect(BLASCore.better(than: "Haswell", cpu: epyc, userCore: "haswell", dynamicArch: true) == nil)
        #expect(BLASCore.better(than: "Haswell", cpu: epyc, userCore: "", dynamicArch: true) == "SkylakeX")
    }

    @Test func aBuildForOneCoreOrAnUnknownNameIsLeftAlone() {
        let epyc = cpu("AuthenticAMD", 26, 2, Self.avx512)
        #expect(BLASCore.better(than: "Haswell", cpu: epyc, userCore: nil, dynamicArch: false) == nil)
        #expect(BLASCore.better(than: "NeoverseN1", cpu: epyc, userCore: nil, dynamicArch: true) == nil)
    }

    @Test func cpuinfoIsReadFromTheFirstProcessor() throws {
        let text = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            model\t\t: 2
            model name\t: AMD EPYC
            flags\t\t: fpu sse3 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16

            processor\t: 1
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            flags\t\t: fpu

            """
        let cpu = try #require(BLASCore.CPU(cpuinfo: text))
        #expect(cpu == BLASCore.CPU(vendor: "AuthenticAMD", family: 26, model: 2,
                                    flags: ["fpu", "sse3", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd",
                                            "avx512bw", "avx512vl", "avx512_bf16"]))
        #expect(BLASCore.CPU(cpuinfo: "processor\t: 0\nCPU implementer\t: 0x41\nFeatures\t: fp asimd\n") == nil)
    }

}
