package io.streamdns.app.audit.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The timeline of one name: the steps that concern it, oldest first, within {@code since..until} (ISO instants,
 * null: open).
 *
 * @param partitions the partition read per topic
 * @param notes      what the reader should know (records left out, undecodable records)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record History(String name, String shard, Map<String, Integer> partitions, String since, String until,
                      List<Step> steps, List<String> notes) {
    public History {
        partitions = Map.copyOf(partitions);
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }
}
