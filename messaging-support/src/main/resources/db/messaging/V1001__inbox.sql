-- The inbox (io.microshop.messaging.Inbox): the ids of the events this service's consumers have
-- acted on, each recorded in the transaction of its effect, so that a redelivery changes nothing.
-- Each service kept these ids in a processed_events table of its own before this module did:
-- such a table becomes the inbox, with the ids it holds.
do $$
begin
    if to_regclass('processed_events') is not null then
        alter table processed_events rename to inbox;
        alter index processed_events_pkey rename to inbox_pkey;
        alter table inbox alter column processed_at set default now();
    else
        create table inbox (
            event_id     uuid        primary key,
            processed_at timestamptz not null default now()
        );
    end if;
end
$$;
