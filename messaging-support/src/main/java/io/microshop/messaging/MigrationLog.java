package io.microshop.messaging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * One line for each migration Flyway applies, in place of Flyway's own. Flyway's
 * {@code DbMigrate} logger is turned down to errors in microshop-messaging.yml: with
 * {@code out-of-order}, which the messaging migrations' numbering needs, it warns "may
 * not be reproducible" at every migration, a warning nobody can act on, and with it would
 * go its lines about what it applied.
 */
class MigrationLog implements Callback {

	private static final Log logger = LogFactory.getLog(MigrationLog.class);

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_EACH_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		MigrationInfo migration = context.getMigrationInfo();
		if (migration != null) {
			logger.info("Migrated schema \"%s\" to version %s: %s".formatted(
					context.getConfiguration().getDefaultSchema(), migration.getVersion(), migration.getDescription()));
		}
	}

	@Override
	public String getCallbackName() {
		return "microshop-migration-log";
	}

}
