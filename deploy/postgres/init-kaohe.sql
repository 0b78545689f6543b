-- Kaohe's own database beside Temporal's, in the same PostgreSQL server.
CREATE USER kaohe WITH PASSWORD 'kaohe';
CREATE DATABASE kaohe OWNER kaohe ENCODING 'UTF8';
