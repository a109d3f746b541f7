import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// An attribute's value (swift-corelibs-foundation's `attribute(forName:)` misses attributes
/// of elements in a default namespace, as SVG's are).
private func attribute(_ element: XMLElement, _ name: String) -> String? {
    element.attributes?.first { $0.name == name }?.stringValue
}

@Suite struct SVGChartTests {
    @Test func parsesAsXMLWithOnePolylinePerSeries() throws {
        var chart = trainingChart()
        chart.title = "MLP <784-256-10> & SGD"
        let svg = chart.renderSVG(width: 640, height: 400)
        let doc = try XMLDocument(xmlString: svg, options: [])
        let root = try #require(doc.rootElement())
        #expect(root.name == "svg")
        #expect(attribute(root, "width") == "640")

        let polylines = try root.nodes(forXPath: "//*[local-name()='polyline']").compactMap { $0 as? XMLElement }
        #expect(polylines.map { attribute($0, "data-name") } == ["train loss", "train acc", "test acc"])
        for (line, series) in zip(polylines, chart.series) {
            let points = attribute(line, "points")!.split(separator: " ")
            #expect(points.count == series.points.count)
            // x grows with the epoch; higher values are drawn higher (smaller y).
            let xy = points.map { $0.split(separator: ",").map { Double($0)! } }
            #expect(zip(xy, xy.dropFirst()).allSatisfy { $0[0] < $1[0] })
            let byValue = zip(series.points.map(\.y), xy.map { $0[1] }).sorted { $0.0 < $1.0 }
            #expect(zip(byValue, byValue.dropFirst()).allSatisfy { $0.1 >= $1.1 })
        }

        let texts = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("epoch"))
        #expect(texts.contains("MLP <784-256-10> & SGD"))     // escaped in the file, intact when parsed
        for label in ["train loss", "train acc", "test acc", "1", "5", "0.4", "1.2"] {
            #expect(texts.contains(label), "no text \(label)")
        }
    }

    @Test func emptySeriesStillMakesAValidDocument() throws {
        let chart = LineChart(series: [ChartSeries(name: "a", values: [], color: .red, marker: "o")], xLabel: "x")
        let doc = try XMLDocument(xmlString: chart.renderSVG(), options: [])
        #expect(doc.rootElement()?.name == "svg")
    }
}
