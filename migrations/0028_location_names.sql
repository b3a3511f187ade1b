-- A shared place's name and address (Twilio's Label and Address), kept with its coordinates so the
-- agent sees "Seoul City Hall" and its street as the customer does, not only the numbers.
ALTER TABLE messages
  ADD COLUMN location_label text,
  ADD COLUMN location_address text;
-- The simulated phone shares a place with its address, as WhatsApp does.
ALTER TABLE sim_messages ADD COLUMN location_address text;
