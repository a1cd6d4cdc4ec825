import ConveneCore
import Plot

/// A column of a table: its heading, which each cell repeats as `data-label` for narrow screens.
struct Column: ExpressibleByStringLiteral {
    var heading: String
    /// Read by screen readers only (a column of "Change" links).
    var headingHidden = false

    init(_ heading: String, hidden: Bool = false) {
        self.heading = heading
        headingHidden = hidden
    }

    init(stringLiteral heading: String) { self.heading = heading }
}

/// A row of a table: one node per column, in the columns' order.
struct TableRow {
    var cells: [HTMLNode]
    var id: String? = nil
    var rowClass: String? = nil
    /// Classes of particular cells, by column index (`pre` keeps a cell's line breaks).
    var cellClasses: [Int: String] = [:]
    /// Whether the first cell heads its row (`<th scope="row">`).
    var headed = false

    init(
        _ cells: [HTMLNode], id: String? = nil, class rowClass: String? = nil, cellClasses: [Int: String] = [:],
        headed: Bool = false
    ) {
        self.cells = cells
        self.id = id
        self.rowClass = rowClass
        self.cellClasses = cellClasses
        self.headed = headed
    }
}

extension Node where Context == HTML.BodyContext {
    /// A table that reads as a list of cards on a narrow screen (each cell labelled by its column).
    static func dataTable(
        caption: String, captionHidden: Bool = true, class tableClass: String? = nil, columns: [Column], rows: [TableRow]
    ) -> Node {
        .div(
            .class("table-wrap"),
            .table(
                .attr("role", "table"), .unwrap(tableClass) { .attr("class", $0) },
                .caption(captionHidden ? .class("visually-hidden") : .empty, .words(caption)),
                .thead(
                    .attr("role", "rowgroup"),
                    .tr(
                        .attr("role", "row"),
                        .group(
                            columns.map { column in
                                .th(
                                    .attr("scope", "col"), .attr("role", "columnheader"),
                                    column.headingHidden
                                        ? .span(.class("visually-hidden"), .words(column.heading)) : .words(column.heading))
                            }))),
                .tbody(.attr("role", "rowgroup"), .group(rows.map { tableRow($0, columns) }))))
    }

    /// The same, from rows that are only their cells.
    static func dataTable(
        caption: String, captionHidden: Bool = true, columns: [Column], cells: [[HTMLNode]]
    ) -> Node {
        dataTable(caption: caption, captionHidden: captionHidden, columns: columns, rows: cells.map { TableRow($0) })
    }

    private static func tableRow(_ row: TableRow, _ columns: [Column]) -> Node<HTML.TableContext> {
        .tr(
            .attr("role", "row"), .unwrap(row.id) { .attr("id", $0) }, .unwrap(row.rowClass) { .attr("class", $0) },
            .group(
                row.cells.enumerated().map { index, cell in
                    let label = index < columns.count ? columns[index].heading : ""
                    let cellClass = row.cellClasses[index].map { Node<HTML.BodyContext>.attr("class", $0) } ?? .empty
                    if index == 0 && row.headed {
                        return .th(
                            .attr("scope", "row"), .attr("role", "rowheader"), cellClass, .attr("data-label", label), cell)
                    }
                    return .td(.attr("role", "cell"), cellClass, .attr("data-label", label), cell)
                }))
    }
}
