package org.urbis.irrigation.internal.program;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.urbis.irrigation.internal.balance.WaterBalance;

/** A planner's inputs from tables a test fills: seconds needed (600 unless given), skips and water mains, by zone key or controller. */
class TableInputs implements Planner.Inputs {

    final Map<String, Long> seconds = new HashMap<>();
    final Map<String, String> skips = new HashMap<>();
    final Map<String, String> mains = new HashMap<>();

    @Override
    public WaterBalance.Need need(Program program, int place) {
        long s = seconds.getOrDefault(program.zones().get(place).key(), 600L);
        return new WaterBalance.Need(1, s, "needs " + s + " s");
    }

    @Override
    public Optional<String> skip(Program program, Program.Zone zone) {
        return Optional.ofNullable(skips.get(zone.key()));
    }

    @Override
    public String waterMain(String controller) {
        return mains.get(controller);
    }
}
