"""Meeting-room bookings: overlap statistics for the facilities dashboard."""
