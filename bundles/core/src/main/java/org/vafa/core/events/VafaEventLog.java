package org.vafa.core.events;

import java.sql.Connection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.db.Database;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;

/** The event log service plugins publish through; also runs the sequencer of this node. */
@Component(service = {EventLog.class, VafaEventLog.class}, immediate = true, configurationPid = "org.vafa.events",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EventsConfig.class)
public class VafaEventLog implements EventLog {

    @Reference
    private Database database;

    private EventStore store;
    private Signal signal;
    private Sequencer sequencer;
    private EventsConfig config;

    @Activate
    void activate(EventsConfig config) {
        start(new EventStore(database.dataSource()), config);
    }

    /** Outside OSGi (benchmark, tests). */
    public void start(EventStore store, EventsConfig config) {
        this.store = store;
        this.config = config;
        this.signal = new Signal();
        this.sequencer = new Sequencer(store, signal, config.sequencerIntervalMs());
        sequencer.start();
    }

    @Deactivate
    public void stop() {
        sequencer.stop();
    }

    @Override
    public CloudEvent append(Connection transaction, String source, String type, String subject, Object data) {
        CloudEvent event = store.append(transaction, source, type, subject, data);
        sequencer.poke();
        return event;
    }

    @Override
    public CloudEvent publish(String source, String type, String subject, Object data) {
        CloudEvent event = org.vafa.core.db.VafaDatabase.inTransaction(store.dataSource(),
                tx -> store.append(tx, source, type, subject, data));
        sequencer.poke();
        return event;
    }

    public EventStore store() {
        return store;
    }

    public Signal signal() {
        return signal;
    }

    public Sequencer sequencer() {
        return sequencer;
    }

    public EventsConfig config() {
        return config;
    }
}
