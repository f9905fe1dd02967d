"""What the views of recordings share."""

PAGE_SIZE = 25
