package org.tunerd.models.learn;

import java.util.Arrays;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;

/** Smile data frames for encoded rows: columns {@code x0..x(p-1)} and the response {@code y}. */
final class Frames {

    static final String RESPONSE = "y";
    static final Formula FORMULA = Formula.lhs(RESPONSE);

    private Frames() {
    }

    static String[] names(int columns) {
        String[] names = new String[columns + 1];
        for (int j = 0; j < columns; j++) {
            names[j] = "x" + j;
        }
        names[columns] = RESPONSE;
        return names;
    }

    /** A frame of the predictor rows alone, columns {@code x0..x(p-1)}. */
    static DataFrame predictors(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        return DataFrame.of(x, Arrays.copyOf(names(p), p));
    }

    /** A frame of the rows with the response appended. */
    static DataFrame training(double[][] x, double[] y) {
        int p = x.length == 0 ? 0 : x[0].length;
        double[][] data = new double[x.length][p + 1];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, data[i], 0, p);
            data[i][p] = y[i];
        }
        return DataFrame.of(data, names(p));
    }

    /** A tuple of {@code schema} (the training schema) holding {@code x} and a placeholder response. */
    static Tuple tuple(double[] x, StructType schema) {
        double[] row = new double[x.length + 1];
        System.arraycopy(x, 0, row, 0, x.length);
        return Tuple.of(row, schema);
    }
}
