global using Outreach.Core.Discovery;
global using Outreach.Core.Districts;
global using Outreach.Core.Email;
global using Outreach.Core.Templates;
