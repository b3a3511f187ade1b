-- A shared place's name and address (Twilio's Label and Address), kept with its coordinates so the
-- agent sees "Seoul City Hall" and its street as the customer does, not only the numbers.
ALTER TABLE messages
  ADD COLUMN location_label text,
  ADD COLUMN location_address text;
-- The simulated phone shares a place with its address, as WhatsApp does.
ALTER TABLE sim_messages ADD COLUMN location_address text;
-- A consulted agent who was then given the conversation stayed listed as its consultant too: the
-- consult ended when they became its assignee.
DELETE FROM conversation_participants p USING conversations c
  WHERE p.conversation_id = c.id AND p.user_id = c.assigned_agent_id;
