package org.urbis.grid.internal.forecast;

/**
 * How good a forecast was against what happened: mean absolute error (kW), mean absolute percentage error (over
 * the slots whose actual value was not near zero) and the mean absolute scaled error, the MAE over that of the
 * seasonal-naive forecast (the same time a week before) on the same slots: below 1 beats it.
 *
 * @param slots slots compared
 * @param mae   kW
 * @param mape  %, {@code NaN} when every actual value was near zero
 * @param mase  {@code NaN} when the seasonal-naive forecast was perfect or unknown
 * @param naiveMae the seasonal-naive forecast's MAE, kW
 */
public record Accuracy(int slots, double mae, double mape, double mase, double naiveMae) {

    public static final Accuracy NONE = new Accuracy(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Compares where all three are known. */
    public static Accuracy of(double[] actual, double[] forecast, double[] naive) {
        int n = 0;
        int pn = 0;
        double abs = 0;
        double naiveAbs = 0;
        double pct = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isNaN(actual[i])) {
                scale += Math.abs(actual[i]);
            }
        }
        double nearZero = 0.05 * scale / Math.max(1, actual.length);
        for (int i = 0; i < actual.length; i++) {
            if (Double.isNaN(actual[i]) || Double.isNaN(forecast[i]) || Double.isNaN(naive[i])) {
                continue;
            }
            double e = Math.abs(actual[i] - forecast[i]);
            abs += e;
            naiveAbs += Math.abs(actual[i] - naive[i]);
            n++;
            if (Math.abs(actual[i]) > nearZero) {
                pct += e / Math.abs(actual[i]);
                pn++;
            }
        }
        if (n == 0) {
            return NONE;
        }
        return new Accuracy(
                n,
                abs / n,
                pn == 0 ? Double.NaN : 100 * pct / pn,
                naiveAbs == 0 ? Double.NaN : abs / naiveAbs,
                naiveAbs / n);
    }
}
