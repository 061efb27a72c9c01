Console.WriteLine("Outcomes local host: under construction.");
