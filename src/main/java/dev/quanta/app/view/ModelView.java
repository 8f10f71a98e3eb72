package dev.quanta.app.view;

import dev.quanta.app.port.LayerRow;
import dev.quanta.app.viewmodel.Format;
import dev.quanta.app.viewmodel.ModelViewModel;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** The Model view: summary, a sortable and filterable layer table, and the selected layer's details. */
public final class ModelView extends BorderPane {
    private final ModelViewModel vm;
    private final GridPane summary = new GridPane();
    private final TableView<LayerRow> table = new TableView<>();
    private final TextArea details = new TextArea();

    public ModelView(ModelViewModel vm) {
        this.vm = vm;
        setId("modelView");
        summary.getStyleClass().add("summary");
        summary.setHgap(14);
        summary.setVgap(3);
        summary.setPadding(new Insets(8, 10, 8, 10));

        TextField filter = new TextField();
        filter.setId("layerFilter");
        filter.setPromptText("Filter layers by op, shape, type or quantization (e.g. conv, int8)");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label count = new Label();
        vm.filteredLayers().addListener((javafx.collections.ListChangeListener<LayerRow>) c ->
                count.setText(vm.filteredLayers().size() + " of " + vm.layers().size() + " layers"));
        HBox filterBar = new HBox(8, new Label("Filter"), filter, count);
        filterBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        filterBar.setPadding(new Insets(4, 8, 4, 8));

        buildTable();
        details.setId("layerDetails");
        details.setEditable(false);
        details.getStyleClass().add("mono");
        details.setWrapText(false);

        VBox tableBox = new VBox(filterBar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(tableBox, titled("Layer details", details));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setTop(titled("Summary", summary));
        setCenter(split);

        vm.summaryProperty().addListener((o, a, s) -> fillSummary());
        vm.selectedLayerProperty().addListener((o, a, row) -> {
            details.setText(String.join("\n", vm.details()));
            if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                vm.selectedLayerProperty().set(row);
            }
        });
        fillSummary();
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        l.setPadding(new Insets(4, 8, 0, 8));
        VBox box = new VBox(2, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private void buildTable() {
        table.setId("layerTable");
        table.setPlaceholder(new Label("No layers match the filter."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Each column is at least as wide as its header and as the typical content given here (a
        // conv's three input shapes, "FLOAT32,INT32 → FLOAT32"): together they fit the default
        // 1440x960 window, and the last column takes what is left.
        table.getColumns().add(column("#", 40, LayerRow::index));
        table.getColumns().add(column("Op", 140, LayerRow::op));
        table.getColumns().add(column("Ver", 46, LayerRow::version));
        table.getColumns().add(column("Input shapes", 200, LayerRow::inputShapes));
        table.getColumns().add(column("Output shapes", 120, LayerRow::outputShapes));
        table.getColumns().add(column("Types", 185, LayerRow::dtypes));
        TableColumn<LayerRow, Long> params = column("Params", 72, LayerRow::parameters);
        params.setCellFactory(c -> formatted(Format::count));
        table.getColumns().add(params);
        TableColumn<LayerRow, Long> bytes = column("Bytes", 76, LayerRow::bytes);
        bytes.setCellFactory(c -> formatted(Format::bytes));
        table.getColumns().add(bytes);
        TableColumn<LayerRow, Double> sparsity = column("Zeros", 64, LayerRow::sparsity);
        sparsity.setCellFactory(c -> formatted(v -> String.format(Locale.ROOT, "%.1f %%", v * 100)));
        table.getColumns().add(sparsity);
        table.getColumns().add(column("Quantization", 130, LayerRow::quantization));
        SortedList<LayerRow> sorted = new SortedList<>(vm.filteredLayers());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }

    /** A column at least {@code width} wide and never narrower than its header. */
    private static <T> TableColumn<LayerRow, T> column(String title, double width, Function<LayerRow, T> value) {
        TableColumn<LayerRow, T> c = new TableColumn<>(title);
        double min = Math.max(width, headerWidth(title));
        c.setMinWidth(min);
        c.setPrefWidth(min);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** The width a column header needs for its title in the bold header font, with padding and the sort arrow. */
    static double headerWidth(String title) {
        Text t = new Text(title);
        t.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        return Math.ceil(t.getLayoutBounds().getWidth()) + 30;
    }

    private static <T> javafx.scene.control.TableCell<LayerRow, T> formatted(Function<T, String> f) {
        return new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean emptyCell) {
                super.updateItem(item, emptyCell);
                setText(emptyCell || item == null ? null : f.apply(item));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        };
    }

    private void fillSummary() {
        summary.getChildren().clear();
        int row = 0;
        for (String[] kv : vm.summaryRows()) {
            Label k = new Label(kv[0]);
            k.getStyleClass().add("summary-key");
            Label v = new Label(kv[1]);
            v.getStyleClass().add("summary-value");
            // Two columns of label/value pairs keep the summary short.
            int half = (vm.summaryRows().size() + 1) / 2;
            int col = row < half ? 0 : 2;
            summary.add(k, col, row % half);
            summary.add(v, col + 1, row % half);
            row++;
        }
    }

    /** The layer table (tests read it). */
    public TableView<LayerRow> table() {
        return table;
    }
}
